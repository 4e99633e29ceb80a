package io.viberglass.viberator.client;

import java.util.List;

/** A page of a platform list: {@code {data: [...], pagination: {limit, offset, count, total}}}. */
public record Page<T>(List<T> data, Pagination pagination) {
    public Page {
        data = data == null ? List.of() : List.copyOf(data);
    }

    public record Pagination(int limit, int offset, int count, long total) {}

    public long total() {
        return pagination == null ? data.size() : pagination.total();
    }
}
