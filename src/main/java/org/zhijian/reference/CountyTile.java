package org.zhijian.reference;

import static java.util.Objects.requireNonNull;

/**
 * Where a county's tile sits on the brief's tile map (conf/reference/county_tiles.csv): one cell
 * of a grid, roughly where the county lies. Not boundary data — see docs/reports.md.
 */
public record CountyTile(String countyCode, int row, int column)
{
    public CountyTile
    {
        requireNonNull(countyCode, "countyCode is null");
        if (row < 0 || column < 0) {
            throw new IllegalArgumentException("a tile's row and column are not negative: " + countyCode);
        }
    }
}
