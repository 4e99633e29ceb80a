package io.viberglass.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** What a job asks the worker to do. */
public enum JobKind implements WireEnum {
    RESEARCH("research", "RESEARCH.md"),
    PLANNING("planning", "PLAN.md"),
    EXECUTION("execution", null),
    CLAW("claw", null);

    private final String wire;
    private final String documentFile;

    JobKind(String wire, String documentFile) {
        this.wire = wire;
        this.documentFile = documentFile;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The markdown file the agent must write for document phases; empty for kinds that change code. */
    public Optional<String> documentFile() {
        return Optional.ofNullable(documentFile);
    }

    /** Whether the run ends in a commit, a push and a pull request rather than a document. */
    public boolean changesCode() {
        return documentFile == null;
    }

    @JsonCreator
    public static JobKind fromWire(String value) {
        return WireEnum.parse(JobKind.class, value);
    }
}
