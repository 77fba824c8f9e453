package org.zhijian.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.zhijian.ZhijianException;
import org.zhijian.lake.Lake;

/** Where an export may write: a regular file outside the lake, in a folder that can be written. */
public final class OutputFiles
{
    private OutputFiles() {}

    /** Checks {@code --out} before any work starts; returns it absolute and normalised. */
    public static Path checkWritable(Path requested, Lake lake)
    {
        Path out = requested.toAbsolutePath().normalize();
        if (Files.isDirectory(out)) {
            throw usage("--out " + requested + " is a folder; give a file name ending in .xlsx or .csv");
        }
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(out, LinkOption.NOFOLLOW_LINKS)) {
            throw usage("--out " + requested + " exists and is not a regular file (a device, pipe or link); choose another name");
        }
        Path existing = out.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw usage("--out " + requested + ": " + (existing == null ? "no folder of it exists" : existing + " is not a folder"));
        }
        Path real;
        try {
            real = existing.toRealPath().resolve(existing.relativize(out));
        }
        catch (IOException e) {
            throw usage("--out " + requested + ": cannot resolve " + existing + " (" + e.getMessage() + ")");
        }
        if ("file".equals(lake.root().toUri().getScheme())) {
            Path root = Path.of(lake.root().toUri()).toAbsolutePath().normalize();
            try {
                root = Files.exists(root) ? root.toRealPath() : root;
            }
            catch (IOException e) {
                // The lake's own path, as given, is compared then.
            }
            if (real.startsWith(root)) {
                throw usage("--out " + requested + " is inside the lake (" + root + "); files are written outside it");
            }
        }
        if (!Files.isWritable(existing)) {
            throw usage("--out " + requested + ": the folder " + existing + " cannot be written (permission denied)");
        }
        return out;
    }

    private static ZhijianException usage(String message)
    {
        return new ZhijianException(ZhijianException.Code.USAGE, message);
    }
}
