package io.viberglass.platform.sessions;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.viberglass.common.job.WireEnum;
import java.util.List;

/** Where an agent session stands. A live session (the first three) is unique per ticket and mode. */
public enum SessionStatus implements WireEnum {
    ACTIVE,
    WAITING_ON_USER,
    WAITING_ON_APPROVAL,
    COMPLETED,
    FAILED,
    CANCELLED;

    public static final List<SessionStatus> LIVE = List.of(ACTIVE, WAITING_ON_USER, WAITING_ON_APPROVAL);

    public boolean isLive() {
        return LIVE.contains(this);
    }

    public boolean isTerminal() {
        return !isLive();
    }

    @JsonCreator
    public static SessionStatus fromWire(String value) {
        return WireEnum.parse(SessionStatus.class, value);
    }
}
