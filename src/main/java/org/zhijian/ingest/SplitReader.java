package org.zhijian.ingest;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.commons.io.input.BoundedInputStream;
import org.zhijian.io.CsvReader;
import org.zhijian.io.CsvRecord;

/** Reads the records of one split, streaming: a byte range of a CSV file or a workbook sheet. */
final class SplitReader
{
    private SplitReader() {}

    /** An iterator over the split's records that closes its file when exhausted or closed. */
    interface Records
            extends Iterator<RawRecord>, Closeable
    {
    }

    static Records open(RawSplit split, Configuration configuration)
            throws IOException
    {
        Path path = new Path(split.path());
        FileSystem fs = path.getFileSystem(configuration);
        if (split.format() == RawFormat.XLSX) {
            return XlsxSheetReader.open(fs, path, split.sheet(), split.firstLine());
        }
        FSDataInputStream stream = fs.open(path);
        try {
            stream.seek(split.start());
            InputStream bounded = BoundedInputStream.builder().setInputStream(stream).setMaxCount(split.end() - split.start()).get();
            CharsetDecoder decoder = Charset.forName(split.charset()).newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            CsvReader csv = new CsvReader(new InputStreamReader(new BufferedInputStream(bounded, 1 << 16), decoder), split.firstLine(), false);
            return new CsvRecords(csv, stream, split.checkDecoding());
        }
        catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Records read ahead one at a time. A read that fails ends the records with one record
     * that reports the failure (it is quarantined), and the source is released exactly once.
     */
    abstract static class ReadAhead
            implements Records
    {
        private RawRecord pending;
        private boolean done;

        /** The next record, or null at the end. */
        protected abstract RawRecord read()
                throws Exception;

        /** The record that reports a failed read after the records so far. */
        protected abstract RawRecord failure(Exception e);

        /** Closes the source. */
        protected abstract void release();

        @Override
        public final boolean hasNext()
        {
            if (pending == null && !done) {
                try {
                    pending = read();
                }
                catch (Exception e) {
                    pending = failure(e);
                    close();
                }
                if (pending == null) {
                    close();
                }
            }
            return pending != null;
        }

        @Override
        public final RawRecord next()
        {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            RawRecord record = pending;
            pending = null;
            return record;
        }

        /** The next record without taking it, or null at the end. */
        protected final RawRecord peek()
        {
            return hasNext() ? pending : null;
        }

        @Override
        public final void close()
        {
            if (!done) {
                done = true;
                release();
            }
        }
    }

    private static final class CsvRecords
            extends ReadAhead
    {
        private final CsvReader csv;
        private final Closeable stream;
        private final boolean checkDecoding;
        private long lastLine;

        CsvRecords(CsvReader csv, Closeable stream, boolean checkDecoding)
        {
            this.csv = csv;
            this.stream = stream;
            this.checkDecoding = checkDecoding;
        }

        @Override
        protected RawRecord read()
        {
            if (!csv.hasNext()) {
                return null;
            }
            CsvRecord record = csv.next();
            lastLine = record.line();
            boolean undecodable = checkDecoding && record.text().indexOf('\uFFFD') >= 0;
            return new RawRecord(record.line(), record.fields(), record.text(), undecodable, null);
        }

        @Override
        protected RawRecord failure(Exception e)
        {
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            return RawRecord.failure(lastLine + 1, XlsxSheetReader.describe(cause));
        }

        @Override
        protected void release()
        {
            try {
                stream.close();
            }
            catch (IOException ignored) {
                // Closing a read-only stream cannot lose data.
            }
        }
    }
}
