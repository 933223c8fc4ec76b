// Profiles by name or path, loaded once. A profile file is watched (polling survives editors that
// save by rename) and reloaded when it changes; a profile that fails to load is reported and the
// last good one for that name or path stays in use (else the loader's fallback, the default).

import { unwatchFile, watchFile } from 'node:fs';
import path from 'node:path';
import { loadProfile } from '../workspace/profiles';
import type { Profile } from '../engine/profile/types';

const POLL_MS = 1000;

export class ProfileStore {
  private readonly loaded = new Map<string, Profile>();
  private readonly lastGood = new Map<string, Profile>();
  private readonly watched = new Set<string>();

  constructor(
    private readonly problem: (message: string) => void,
    private readonly onFileChanged: (file: string) => void,
  ) {}

  /** `spec` is a built-in name or an absolute path (config/load.ts resolves relative ones). */
  get(spec: string): Profile {
    const hit = this.loaded.get(spec);
    if (hit) return hit;
    if (path.isAbsolute(spec)) this.watch(spec);
    const { profile: loaded, error } = loadProfile(spec);
    let profile = loaded;
    if (!error) {
      this.lastGood.set(spec, profile);
    } else {
      const previous = this.lastGood.get(spec);
      if (previous) {
        profile = previous;
        this.problem(`${error.replace(/已改用内置默认档案。$/, '')}继续使用该档案上一次成功载入的版本。`);
      } else {
        this.problem(error);
      }
    }
    this.loaded.set(spec, profile);
    return profile;
  }

  /** Forgets a profile file's loaded copy so the next lint reloads it. */
  invalidate(file: string): void {
    this.loaded.delete(file);
  }

  dispose(): void {
    for (const file of this.watched) unwatchFile(file);
    this.watched.clear();
  }

  private watch(file: string): void {
    if (this.watched.has(file)) return;
    this.watched.add(file);
    watchFile(file, { interval: POLL_MS, persistent: false }, (now, before) => {
      if (now.mtimeMs === before.mtimeMs && now.size === before.size) return;
      this.invalidate(file);
      this.onFileChanged(file);
    });
  }
}
