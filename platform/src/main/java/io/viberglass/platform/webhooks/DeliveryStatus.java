package io.viberglass.platform.webhooks;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.viberglass.common.job.WireEnum;

/**
 * Where an inbound delivery stands: {@code received} (stored, waiting to be processed or retried),
 * {@code processing}, then {@code processed}, {@code ignored} (with the reason) or {@code failed} (with the reason,
 * after its retries; redeliver to try again).
 */
public enum DeliveryStatus implements WireEnum {
    RECEIVED,
    PROCESSING,
    PROCESSED,
    IGNORED,
    FAILED;

    public boolean isFinal() {
        return this == PROCESSED || this == IGNORED || this == FAILED;
    }

    @JsonCreator
    public static DeliveryStatus fromWire(String value) {
        return WireEnum.parse(DeliveryStatus.class, value);
    }
}
