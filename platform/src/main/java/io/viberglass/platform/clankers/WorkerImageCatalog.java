package io.viberglass.platform.clankers;

import io.viberglass.common.job.AgentType;
import java.util.Arrays;
import java.util.List;

/**
 * The default worker image of each agent (one image per agent: the Dockerfile's targets), which a clanker uses unless
 * its {@code deploymentConfig.image} names another.
 */
public class WorkerImageCatalog {
    private final ClankerSettings.Images settings;

    public WorkerImageCatalog(ClankerSettings.Images settings) {
        this.settings = settings;
    }

    public List<WorkerImage> all() {
        return Arrays.stream(AgentType.values()).map(this::forAgent).toList();
    }

    public WorkerImage forAgent(AgentType agent) {
        String override = settings.getOverrides().get(agent.wire());
        boolean overridden = override != null && !override.isBlank();
        String image = overridden
                ? override.trim()
                : settings.getRepository() + "/worker-" + agent.wire() + ":" + settings.getTag();
        String lambda = settings.getLambdaImage() != null
                ? settings.getLambdaImage()
                : settings.getRepository() + "/worker-lambda:" + settings.getTag();
        return new WorkerImage(agent, agent.displayName(), image, lambda, overridden);
    }
}
