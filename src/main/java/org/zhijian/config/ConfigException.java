package org.zhijian.config;

import org.zhijian.ZhijianException;

/** A bad setting or reference file: names the file, the key and what is wrong with it. */
public final class ConfigException
        extends ZhijianException
{
    public ConfigException(String message)
    {
        super(Code.USAGE, message);
    }
}
