package io.viberglass.platform.projects;

import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Told of a new project inside the transaction that creates it (the access feature makes its creator its admin). */
@FunctionalInterface
public interface ProjectListener {
    void onCreated(Handle handle, Project project, UUID creatorId);

    static ProjectListener none() {
        return (handle, project, creatorId) -> {};
    }
}
