package dev.secureinflux.testkit;

/**
 * Run in a child JVM by {@link ReaperIT}: starts a server and a proxy, prints their pids and directories, then
 * either exits without closing them ({@code exit}) or waits to be terminated ({@code wait}).
 */
public final class OrphanMain {
  private OrphanMain() {}

  public static void main(String[] args) throws Exception {
    InfluxServer server = InfluxServer.start();
    MtlsProxy proxy = MtlsProxy.start(server);
    System.out.println("influxd " + server.pid() + " " + server.tempDir());
    System.out.println("nginx " + proxy.pid() + " " + proxy.tempDir());
    ProcessHandle.of(proxy.pid()).ifPresent(master ->
        master.descendants().forEach(child -> System.out.println("worker " + child.pid() + " -")));
    System.out.println("ready");
    System.out.flush();
    if (args[0].equals("exit")) {
      System.exit(0);
    }
    Thread.sleep(120_000);
  }
}
