package io.viberglass.pulumi;

import com.pulumi.aws.ecr.LifecyclePolicy;
import com.pulumi.aws.ecr.LifecyclePolicyArgs;
import com.pulumi.aws.ecr.Repository;
import com.pulumi.aws.ecr.RepositoryArgs;
import com.pulumi.aws.ecr.inputs.RepositoryEncryptionConfigurationArgs;
import com.pulumi.aws.ecr.inputs.RepositoryImageScanningConfigurationArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.core.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Image repositories: the platform, one worker image per agent, and the Lambda worker. Tags are immutable (a tag names
 * one build forever, so a task definition always runs what it says), images are scanned on push and only the newest
 * {@code imagesToKeep} are kept.
 */
record Repositories(Repository platform, Map<String, Repository> workers, Repository lambda) {

    static Repositories create(BaseConfig config, String prefix, Key key, Map<String, String> tags) {
        Repository platform = repository(prefix + "/platform", config, key, tags);
        Map<String, Repository> workers = new LinkedHashMap<>();
        for (String agent : config.agents()) {
            workers.put(agent, repository(prefix + "/worker-" + agent, config, key, tags));
        }
        Repository lambda = repository(prefix + "/worker-lambda", config, key, tags);
        return new Repositories(platform, workers, lambda);
    }

    Output<Map<String, String>> workerUrls() {
        return byAgent(workers.entrySet().stream()
                .map(entry -> entry.getValue().repositoryUrl().applyValue(url -> Map.entry(entry.getKey(), url)))
                .toList());
    }

    Output<Map<String, String>> workerArns() {
        return byAgent(workers.entrySet().stream()
                .map(entry -> entry.getValue().arn().applyValue(arn -> Map.entry(entry.getKey(), arn)))
                .toList());
    }

    private static Output<Map<String, String>> byAgent(List<Output<Map.Entry<String, String>>> entries) {
        return Output.all(entries).applyValue(list -> {
            Map<String, String> map = new LinkedHashMap<>();
            list.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
            return map;
        });
    }

    private static Repository repository(String name, BaseConfig config, Key key, Map<String, String> tags) {
        Repository repository = new Repository(
                name,
                RepositoryArgs.builder()
                        .name(name)
                        .imageTagMutability("IMMUTABLE")
                        .imageScanningConfiguration(RepositoryImageScanningConfigurationArgs.builder()
                                .scanOnPush(true)
                                .build())
                        .encryptionConfigurations(RepositoryEncryptionConfigurationArgs.builder()
                                .encryptionType("KMS")
                                .kmsKey(key.arn())
                                .build())
                        .forceDelete(config.forceDestroy())
                        .tags(tags)
                        .build());
        new LifecyclePolicy(
                name,
                LifecyclePolicyArgs.builder()
                        .repository(repository.name())
                        .policy(JsonOutput.render(Map.of(
                                "rules",
                                List.of(Map.of(
                                        "rulePriority",
                                        1,
                                        "description",
                                        "keep the newest " + config.imagesToKeep() + " images",
                                        "selection",
                                        Map.of(
                                                "tagStatus", "any",
                                                "countType", "imageCountMoreThan",
                                                "countNumber", config.imagesToKeep()),
                                        "action",
                                        Map.of("type", "expire"))))))
                        .build());
        return repository;
    }
}
