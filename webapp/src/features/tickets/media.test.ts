import { describe, expect, it } from 'vitest';
import { checkMedia, MAX_MEDIA_BYTES } from './media';

function file(name: string, type: string, size: number): File {
  const f = new File(['x'], name, { type });
  Object.defineProperty(f, 'size', { value: size });
  return f;
}

describe('checkMedia mirrors the platform upload rules', () => {
  it.each(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])('accepts a %s screenshot', (type) => {
    expect(checkMedia('screenshot', file('a', type, 1000))).toBeUndefined();
  });

  it.each(['video/mp4', 'video/webm', 'video/quicktime'])('accepts a %s recording', (type) => {
    expect(checkMedia('recording', file('a', type, 1000))).toBeUndefined();
  });

  it('refuses other types, videos as screenshots and images as recordings', () => {
    expect(checkMedia('screenshot', file('a.svg', 'image/svg+xml', 10))).toMatch(/PNG, JPEG, GIF or WebP/);
    expect(checkMedia('screenshot', file('a.mp4', 'video/mp4', 10))).toMatch(/PNG, JPEG, GIF or WebP/);
    expect(checkMedia('recording', file('a.png', 'image/png', 10))).toMatch(/MP4, WebM or QuickTime/);
  });

  it('refuses files over 10 MB and empty files', () => {
    expect(checkMedia('screenshot', file('a.png', 'image/png', MAX_MEDIA_BYTES))).toBeUndefined();
    expect(checkMedia('screenshot', file('a.png', 'image/png', MAX_MEDIA_BYTES + 1))).toBe('The file is larger than 10 MB.');
    expect(checkMedia('screenshot', file('a.png', 'image/png', 0))).toBe('The file is empty.');
  });
});
