package io.viberglass.platform.infra.api;

import io.viberglass.common.job.WireEnum;
import io.viberglass.platform.infra.errors.DomainException;
import java.util.ArrayList;
import java.util.List;

/** Comma-separated enum filters such as {@code ?statuses=open,in_review}; an unknown value is a 400 naming the field. */
public final class CsvParam {
    private CsvParam() {}

    public static <E extends Enum<E> & WireEnum> List<E> parse(String csv, Class<E> type, String field) {
        List<E> values = new ArrayList<>();
        if (csv == null || csv.isBlank()) {
            return values;
        }
        for (String part : csv.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                E value = WireEnum.parse(type, part);
                if (!values.contains(value)) {
                    values.add(value);
                }
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("INVALID_FILTER", field, e.getMessage());
            }
        }
        return values;
    }
}
