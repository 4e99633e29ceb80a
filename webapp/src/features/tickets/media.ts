import type { MediaKind } from '../../api/types';

/** The platform's upload allow-list (media/MediaTypes) and size limit (media.maxFileBytes, 10 MB by default). */
export const MEDIA_TYPES: Record<MediaKind, readonly string[]> = {
  screenshot: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
  recording: ['video/mp4', 'video/webm', 'video/quicktime'],
};
export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;

/** Why the platform would refuse this file, or `undefined` when it looks acceptable. */
export function checkMedia(kind: MediaKind, file: File): string | undefined {
  const allowed = MEDIA_TYPES[kind];
  if (!allowed.includes(file.type)) {
    return kind === 'screenshot'
      ? 'Screenshots must be PNG, JPEG, GIF or WebP images.'
      : 'Recordings must be MP4, WebM or QuickTime videos.';
  }
  if (file.size === 0) {
    return 'The file is empty.';
  }
  if (file.size > MAX_MEDIA_BYTES) {
    return 'The file is larger than 10 MB.';
  }
  return undefined;
}
