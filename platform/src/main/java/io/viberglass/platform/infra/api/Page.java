package io.viberglass.platform.infra.api;

import java.util.List;
import java.util.function.Function;

/** A page of a list: {@code {data: [...], pagination: {limit, offset, count, total}}}. */
public record Page<T>(List<T> data, Pagination pagination) {
    public record Pagination(int limit, int offset, int count, long total) {}

    public static <T> Page<T> of(List<T> data, int limit, int offset, long total) {
        return new Page<>(List.copyOf(data), new Pagination(limit, offset, data.size(), total));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(data.stream().map(mapper).toList(), pagination);
    }
}
