package io.viberglass.common.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.viberglass.common.job.WireEnum;

/**
 * Kinds of event in a session's timeline. The worker sends only the agent-side kinds ({@link #fromWorker()}); the
 * platform adds the rest as people act and turns start and end.
 */
public enum SessionEventType implements WireEnum {
    SESSION_STARTED(false),
    TURN_STARTED(false),
    USER_MESSAGE(false),
    /** {@code {text}}: a chunk of the agent's answer. */
    ASSISTANT_MESSAGE(true),
    /** {@code {text}}: a plan or status line from the agent. */
    PROGRESS(true),
    /** {@code {text}}: a chunk of the agent's reasoning. */
    REASONING(true),
    /** {@code {toolCallId, toolName, input}}. */
    TOOL_CALL_STARTED(true),
    /** {@code {toolCallId, toolName, success, output | error}}. */
    TOOL_CALL_COMPLETED(true),
    /** {@code {prompt}}: the turn ended with a question for the people in the session. */
    NEEDS_INPUT(true),
    /** {@code {prompt, requestId, options}}: raised by the platform when the worker posts a permission request. */
    NEEDS_APPROVAL(false),
    APPROVAL_RESOLVED(false),
    /** {@code {path}}: the turn saved a document (RESEARCH.md / PLAN.md) as a revision. */
    ARTIFACT_UPDATED(false),
    TURN_COMPLETED(false),
    TURN_FAILED(false),
    SESSION_COMPLETED(false),
    SESSION_FAILED(false),
    SESSION_CANCELLED(false),
    USER_JOINED(false),
    USER_LEFT(false),
    PRESENCE_UPDATE(false);

    private final boolean fromWorker;

    SessionEventType(boolean fromWorker) {
        this.fromWorker = fromWorker;
    }

    /** Whether a worker may send this kind in a session event batch; the platform refuses the others from workers. */
    public boolean fromWorker() {
        return fromWorker;
    }

    @JsonCreator
    public static SessionEventType fromWire(String value) {
        return WireEnum.parse(SessionEventType.class, value);
    }
}
