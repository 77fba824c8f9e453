package org.zhijian;

/**
 * Named points where a test can freeze a run to kill it there, proving that a crash at that
 * moment loses nothing: start the JVM with {@code -Dzhijian.failpoint=NAME} and the run stops
 * at that point until killed. Without the property this is a no-op.
 */
public final class Failpoints
{
    public static final String PROPERTY = "zhijian.failpoint";

    private Failpoints() {}

    public static void reach(String name)
    {
        if (!name.equals(System.getProperty(PROPERTY))) {
            return;
        }
        System.err.println("failpoint " + name + " reached; waiting to be killed");
        System.err.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
