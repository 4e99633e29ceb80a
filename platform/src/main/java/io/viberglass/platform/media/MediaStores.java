package io.viberglass.platform.media;

import io.viberglass.platform.infra.config.MediaSettings;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Picks the media store the configuration asks for. */
public final class MediaStores {
    private MediaStores() {}

    public static MediaStore from(MediaSettings settings) {
        if (settings.getS3Bucket() == null) {
            return new LocalMediaStore(Path.of(settings.getLocalRoot()));
        }
        // plain bodies and checksums only where S3 requires them: works with S3 and with S3-compatible stores
        S3ClientBuilder builder = S3Client.builder()
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.getS3Region() != null) {
            builder.region(Region.of(settings.getS3Region()));
        }
        if (settings.getS3Endpoint() != null) {
            builder.endpointOverride(URI.create(settings.getS3Endpoint())).forcePathStyle(true);
        }
        return new S3MediaStore(builder.build(), settings.getS3Bucket(), settings.getS3Prefix());
    }
}
