package org.zhijian;

/** zhijian's version, as the CLI, run manifests and export metadata state it. */
public final class Version
{
    public static final String NUMBER = "0.1.0";

    private Version() {}
}
