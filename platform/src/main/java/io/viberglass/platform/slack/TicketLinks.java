package io.viberglass.platform.slack;

import io.viberglass.platform.projects.ProjectDao;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Links into the dashboard, as a person opens them from Slack. */
public class TicketLinks {
    private final String publicUrl;

    public TicketLinks(String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String ticket(Handle handle, UUID projectId, UUID ticketId) {
        String slug = handle.attach(ProjectDao.class)
                .find(projectId)
                .map(project -> project.slug())
                .orElse(projectId.toString());
        return publicUrl + "/projects/" + slug + "/tickets/" + ticketId;
    }
}
