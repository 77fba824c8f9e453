package org.zhijian.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.commons.io.input.BoundedInputStream;
import org.zhijian.io.CsvReader;
import org.zhijian.schema.Rule;

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
        // A notice (another layout than the project's own) may merge a column's cells down its batches: they are filled in.
        if (split.format() == RawFormat.XLSX || split.format() == RawFormat.XLS) {
            boolean xlsx = split.format() == RawFormat.XLSX;
            Records records = xlsx ? XlsxSheetReader.open(fs, path, split.sheet(), split.firstLine(), split.limits())
                    : XlsSheetReader.open(fs, path, split.sheet(), split.firstLine(), split.limits());
            if (!split.mapping().foreign()) {
                return records;
            }
            try {
                return MergedCells.fill(records, xlsx ? XlsxSheetReader.mergedRegions(fs, path, split.sheet(), split.limits())
                        : XlsSheetReader.mergedRegions(fs, path, split.sheet(), split.limits()));
            }
            catch (IOException | RuntimeException e) {
                records.close();
                throw e;
            }
        }
        FSDataInputStream stream = fs.open(path);
        try {
            stream.seek(split.start());
            InputStream bounded = BoundedInputStream.builder().setInputStream(stream).setMaxCount(split.end() - split.start()).get();
            return new CsvRecords(new CsvRecordBytes(bounded, split.firstLine(), split.limits().maxLineBytes()), stream, split);
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

    /**
     * CSV records: cut as bytes, then each decoded on its own — strictly, so a record whose bytes
     * are not valid in the file's encoding is marked (format.encoding) with its text shown as far
     * as it decodes; in a file that mixes encodings, a record that is UTF-8 in a GB18030 file too.
     */
    private static final class CsvRecords
            extends ReadAhead
    {
        private final CsvRecordBytes records;
        private final Closeable stream;
        private final RawSplit split;
        private final Charset charset;
        private long lastLine;

        CsvRecords(CsvRecordBytes records, Closeable stream, RawSplit split)
        {
            this.records = records;
            this.stream = stream;
            this.split = split;
            this.charset = Charset.forName(split.charset());
        }

        @Override
        protected RawRecord read()
                throws IOException
        {
            if (!records.next()) {
                return null;
            }
            lastLine = records.line();
            byte[] bytes = records.bytes();
            if (records.tooLong()) {
                String preview = decode(bytes, CodingErrorAction.REPLACE) + "…";
                return RawRecord.tooLong(records.line(), preview, records.length());
            }
            String problem = null;
            String text;
            try {
                text = decode(bytes, CodingErrorAction.REPORT);
                if (split.mixedEncodings() && !charset.equals(StandardCharsets.UTF_8) && Utf8Validator.isMultibyteUtf8(bytes)) {
                    problem = "the line is UTF-8 while the file is " + charset.name() + " (the file mixes encodings)";
                }
            }
            catch (CharacterCodingException e) {
                text = decode(bytes, CodingErrorAction.REPLACE);
                problem = Rule.ROW_ENCODING.message(charset.name()) + (split.mixedEncodings() ? " (the file mixes encodings)" : "");
            }
            if (problem == null && text.indexOf('\0') >= 0) {
                // NUL is valid in both encodings but never in text: binary bytes inside a text file.
                problem = "the line holds NUL bytes (binary data inside the text file)";
            }
            return new RawRecord(records.line(), CsvReader.fields(text), text, problem, null, false);
        }

        private String decode(byte[] bytes, CodingErrorAction action)
                throws CharacterCodingException
        {
            CharsetDecoder decoder = charset.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
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
