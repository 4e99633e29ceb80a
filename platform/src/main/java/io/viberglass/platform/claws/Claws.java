package io.viberglass.platform.claws;

import io.dropwizard.core.setup.Environment;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.jobs.JobListener;
import io.viberglass.platform.jobs.JobQueue;
import io.viberglass.platform.jobs.PayloadFactory;
import io.viberglass.platform.jobs.RunTargets;
import io.viberglass.platform.prompts.PromptTemplateService;
import io.viberglass.platform.secrets.SecretCipher;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Wires claws: the job listener first (jobs need it), then the routes and the ticker. */
public final class Claws {
    private final ClawEvents events;

    public Claws(JsonText json) {
        this.events = new ClawEvents(json);
    }

    public JobListener listener() {
        return new ClawEffects(events);
    }

    public ClawFiring register(
            Environment environment,
            Jdbi jdbi,
            Clock clock,
            ClawSettings settings,
            SecretCipher cipher,
            JsonText json,
            JobQueue queue,
            RunTargets targets,
            PayloadFactory payloads,
            PromptTemplateService prompts,
            ProjectAccess access) {
        ClawService service = new ClawService(jdbi, clock, settings, cipher, json);
        environment.jersey().register(new ClawTemplatesResource(service, access));
        environment.jersey().register(new ClawSchedulesResource(service, access));
        environment.jersey().register(new ClawExecutionsResource(service, access));
        ClawFiring firing = new ClawFiring(
                jdbi,
                clock,
                settings,
                queue,
                targets,
                payloads,
                prompts,
                events,
                new ClawWebhookSender(jdbi, clock, cipher, settings));
        if (settings.isEnabled()) {
            environment.lifecycle().manage(firing);
        }
        return firing;
    }
}
