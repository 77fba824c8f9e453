package org.zhijian.lake;

import java.io.IOException;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Counts the rows of a Parquet folder from the files' footers, without reading any data. */
final class ParquetRowCounter
{
    private ParquetRowCounter() {}

    static long count(FileSystem fs, Path folder)
            throws IOException
    {
        long rows = 0;
        for (FileStatus file : fs.listStatus(folder)) {
            String name = file.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            if (file.isDirectory()) {
                rows += count(fs, file.getPath());
            }
            else if (name.endsWith(".parquet")) {
                try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, fs.getConf()))) {
                    rows += reader.getRecordCount();
                }
            }
        }
        return rows;
    }
}
