package org.zhijian.lake;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system without its shell-outs. Without the native Hadoop library (which
 * a plain Maven classpath never has), Hadoop runs {@code chmod} for every file and folder it
 * creates and {@code ls -ld} for every file status whose permission is asked for: hundreds of
 * processes per ingest, which cost more than the work itself on small data. This does the
 * same through java.nio. Registered for {@code file:} by {@link HadoopConfigurations}.
 *
 * <p>Its output streams also fail as streams should: Hadoop's local file system throws an
 * {@link FSError} (an Error, which no caller expects) when a write fails — a full disk, say —
 * and these throw the IOException inside it instead.
 */
public final class NioLocalFileSystem
        extends LocalFileSystem
{
    public NioLocalFileSystem()
    {
        super(new Raw());
    }

    /** The raw (checksum-free) part, where permissions are read and set. */
    public static final class Raw
            extends RawLocalFileSystem
    {
        @Override
        protected OutputStream createOutputStream(Path path, boolean append)
                throws IOException
        {
            return new IoErrors(super.createOutputStream(path, append));
        }

        @Override
        protected OutputStream createOutputStreamWithMode(Path path, boolean append, FsPermission permission)
                throws IOException
        {
            return new IoErrors(super.createOutputStreamWithMode(path, append, permission));
        }

        @Override
        public void setPermission(Path path, FsPermission permission)
                throws IOException
        {
            try {
                Files.setPosixFilePermissions(pathToFile(path).toPath(), posix(permission));
            }
            catch (UnsupportedOperationException e) {
                super.setPermission(path, permission);
            }
        }

        @Override
        public FileStatus getFileStatus(Path path)
                throws IOException
        {
            return withAttributes(super.getFileStatus(path));
        }

        @Override
        public FileStatus[] listStatus(Path path)
                throws IOException
        {
            FileStatus[] statuses = super.listStatus(path);
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = withAttributes(statuses[i]);
            }
            return statuses;
        }

        private FileStatus withAttributes(FileStatus status)
                throws IOException
        {
            File file = pathToFile(status.getPath());
            PosixFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file.toPath(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            }
            catch (NoSuchFileException e) {
                throw new FileNotFoundException(file.toString());
            }
            catch (UnsupportedOperationException e) {
                return status;
            }
            return new FileStatus(status.getLen(), status.isDirectory(), status.getReplication(), status.getBlockSize(), status.getModificationTime(),
                    status.getAccessTime(), hadoop(attributes.permissions()), attributes.owner().getName(), attributes.group().getName(), status.getPath());
        }
    }

    /** A stream that throws the IOException inside Hadoop's FSError. */
    private static final class IoErrors
            extends FilterOutputStream
    {
        IoErrors(OutputStream out)
        {
            super(out);
        }

        @Override
        public void write(int b)
                throws IOException
        {
            try {
                out.write(b);
            }
            catch (FSError e) {
                throw unwrap(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length)
                throws IOException
        {
            try {
                out.write(bytes, offset, length);
            }
            catch (FSError e) {
                throw unwrap(e);
            }
        }

        @Override
        public void flush()
                throws IOException
        {
            try {
                out.flush();
            }
            catch (FSError e) {
                throw unwrap(e);
            }
        }

        @Override
        public void close()
                throws IOException
        {
            try {
                out.close();
            }
            catch (FSError e) {
                throw unwrap(e);
            }
        }

        private static IOException unwrap(FSError error)
        {
            return error.getCause() instanceof IOException io ? io : new IOException(error.getMessage(), error);
        }
    }

    static Set<PosixFilePermission> posix(FsPermission permission)
    {
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        add(result, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        add(result, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE);
        add(result, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
        return result;
    }

    private static void add(Set<PosixFilePermission> result, FsAction action, PosixFilePermission read, PosixFilePermission write, PosixFilePermission execute)
    {
        if (action.implies(FsAction.READ)) {
            result.add(read);
        }
        if (action.implies(FsAction.WRITE)) {
            result.add(write);
        }
        if (action.implies(FsAction.EXECUTE)) {
            result.add(execute);
        }
    }

    static FsPermission hadoop(Set<PosixFilePermission> permissions)
    {
        return new FsPermission(
                action(permissions, PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE),
                action(permissions, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE),
                action(permissions, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE));
    }

    private static FsAction action(Set<PosixFilePermission> permissions, PosixFilePermission read, PosixFilePermission write, PosixFilePermission execute)
    {
        FsAction action = FsAction.NONE;
        if (permissions.contains(read)) {
            action = action.or(FsAction.READ);
        }
        if (permissions.contains(write)) {
            action = action.or(FsAction.WRITE);
        }
        if (permissions.contains(execute)) {
            action = action.or(FsAction.EXECUTE);
        }
        return action;
    }
}
