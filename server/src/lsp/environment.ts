// What a document is linted with: editor settings, the nearest `.opinionlintrc.json` and the
// profile they select. Resolved objects are reused until something they depend on changes, so the
// document linter can tell "same configuration" by identity.
//
// Precedence: defaults < `.opinionlintrc.json` (the desk's shared choice) < editor settings (the
// writer's own override). A broken file or profile is reported once, naming the file and key, and
// the last good version (or the default) stays in use.
//
// A workspace config's profile path must stay inside the config's folder or a workspace folder
// (workspace/config.ts). In Restricted Mode (an untrusted workspace) profile paths are not looked
// at at all: the built-in profiles only, said once.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyConfigToProfile, mergeConfig, type ConfigLayer } from '../engine/config/load';
import { configLinksOut, findConfigFile, readConfigFile, resolveProfileSpec } from '../workspace/config';
import { BUILTIN_PROFILES } from '../engine/profile/load';
import { defaultConfig, type LintConfig } from '../engine/config/types';
import type { Profile } from '../engine/profile/types';
import { RULE_IDS } from '../engine/rules';
import type { EditorSettings } from './settings';
import { ProfileStore } from './profiles';

export interface LintEnvironment {
  settings: EditorSettings;
  config: LintConfig;
  profile: Profile;
  /** The `.opinionlintrc.json` that applied, if any. */
  configFile?: string;
}

export interface ProblemReporter {
  /** A configuration problem the user must fix: shown once per distinct message, logged. */
  problem(message: string): void;
  /** Something the user should know once (Restricted Mode ignored a profile path); default: problem(). */
  notice?(message: string): void;
  log(message: string): void;
}

/** Said once when Restricted Mode ignores a profile path. */
export function restrictedNotice(what: string): string {
  return `受限模式：此工作区未受信任，Opinion Lint 只用内置文风档案检查，已忽略${what}；“学习文风档案”命令也已停用。信任此工作区后即恢复。`;
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class EnvironmentResolver {
  private readonly configFiles = new Map<string, ConfigLayer>();
  private readonly lastGood = new Map<string, ConfigLayer>();
  private readonly byUri = new Map<string, Promise<LintEnvironment>>();
  private readonly profiles: ProfileStore;
  private readonly shown = new Set<string>();
  private readonly profileListeners: ((file: string) => void)[] = [];
  private restrictionSaid = false;

  /** `trusted`: false in Restricted Mode (the client says so when the server starts). */
  constructor(
    private readonly settingsFor: (uri: string) => Promise<EditorSettings>,
    private readonly workspaceFolders: () => string[],
    private readonly reporter: ProblemReporter,
    private readonly trusted: () => boolean = () => true,
  ) {
    this.profiles = new ProfileStore(
      (message) => this.problem(message),
      (file) => {
        this.fileChanged(file);
        for (const listener of this.profileListeners) listener(file);
      },
    );
  }

  /** A profile file in use changed on disk (and was dropped from the cache). */
  onProfileFileChanged(listener: (file: string) => void): void {
    this.profileListeners.push(listener);
  }

  dispose(): void {
    this.profiles.dispose();
  }

  environmentFor(uri: string): Promise<LintEnvironment> {
    let hit = this.byUri.get(uri);
    if (!hit) {
      hit = this.resolve(uri);
      this.byUri.set(uri, hit);
      // A failure is not cached: the next lint tries again (the file may have been fixed).
      hit.catch(() => this.byUri.delete(uri));
    }
    return hit;
  }

  /** Editor settings changed: everything is re-resolved. */
  settingsChanged(): void {
    this.byUri.clear();
    this.shown.clear();
  }

  /** A watched file changed on disk: a config file is re-read, a profile file reloaded. */
  fileChanged(filePath: string): void {
    this.configFiles.delete(filePath);
    this.profiles.invalidate(filePath);
    this.byUri.clear();
    this.shown.clear();
  }

  /** Loads the default profile ahead of the first document. */
  warmUp(): void {
    this.profiles.get('default');
  }

  /** The config file an "allow this phrase" edit should go to: nearest existing, else the folder root. */
  configFileFor(uri: string): { file: string; exists: boolean } | undefined {
    const filePath = uriToPath(uri);
    const dir = filePath ? path.dirname(filePath) : this.workspaceFolders()[0];
    if (!dir) return undefined;
    const existing = findConfigFile(dir);
    // An edit to a config that links out of its folder would write through the link: no such edit.
    if (existing) return configLinksOut(existing, this.workspaceFolders()) ? undefined : { file: existing, exists: true };
    const folder = this.workspaceFolders().find((f) => filePath && isInside(filePath, f)) ?? dir;
    return { file: path.join(folder, '.opinionlintrc.json'), exists: false };
  }

  private async resolve(uri: string): Promise<LintEnvironment> {
    return this.environmentForFile(uriToPath(uri), await this.settingsFor(uri));
  }

  /** The environment for a file (or an unsaved document when `filePath` is undefined) under given settings. */
  environmentForFile(filePath: string | undefined, settings: EditorSettings): LintEnvironment {
    const searchFrom = filePath ? path.dirname(filePath) : this.workspaceFolders()[0];
    const configFile = searchFrom ? findConfigFile(searchFrom) : undefined;
    // The size limit is the one setting a desk's config overrides: it guards the whole folder.
    let config: LintConfig = { ...defaultConfig(), maxFileSize: settings.maxFileSize };
    if (configFile) config = mergeConfig(config, this.layerOf(configFile));
    config = mergeConfig(config, this.settingsLayer(settings, filePath));
    const profile = applyConfigToProfile(this.profiles.get(config.profile), config);
    return { settings, config, profile, configFile };
  }

  private layerOf(file: string): ConfigLayer {
    let layer = this.configFiles.get(file);
    if (!layer) {
      const trusted = this.trusted();
      const read = readConfigFile(file, { roots: this.workspaceFolders(), ignoreProfilePaths: !trusted });
      layer = read.layer;
      if (!trusted && layer.profile !== undefined && !isBuiltin(layer.profile)) {
        this.restricted(`配置文件 ${file} 中的档案路径 “profile”`);
        layer = { ...layer, profile: undefined };
      }
      if (read.errors.length) {
        const previous = this.lastGood.get(file);
        for (const e of read.errors) this.problem(previous ? `${e.message}（继续使用该文件上一次有效的配置）` : e.message);
        if (previous) layer = previous;
      } else {
        this.lastGood.set(file, layer);
      }
      this.configFiles.set(file, layer);
    }
    return layer;
  }

  private settingsLayer(settings: EditorSettings, filePath: string | undefined): ConfigLayer {
    const layer: ConfigLayer = {};
    if (settings.profile && !this.trusted() && !isBuiltin(settings.profile)) {
      this.restricted('设置 opinionLint.profile 中的档案路径');
    } else if (settings.profile) {
      const base = this.workspaceFolders().find((f) => filePath && isInside(filePath, f)) ?? this.workspaceFolders()[0] ?? process.cwd();
      const resolved = resolveProfileSpec(settings.profile, base);
      if (resolved.error) this.problem(`设置 opinionLint.profile：${resolved.error}`);
      else layer.profile = resolved.profile;
    }
    const rules: NonNullable<ConfigLayer['rules']> = {};
    for (const [id, severity] of Object.entries(settings.rules)) {
      if (!RULE_IDS.includes(id)) {
        this.problem(`设置 opinionLint.rules 中的 “${id}” 不是已知的规则，已忽略。可用规则：${RULE_IDS.join('、')}。`);
        continue;
      }
      rules[id] = { severity };
    }
    if (Object.keys(rules).length) layer.rules = rules;
    return layer;
  }

  private restricted(what: string): void {
    if (this.restrictionSaid) return;
    this.restrictionSaid = true;
    const message = restrictedNotice(what);
    this.reporter.log(message);
    if (this.reporter.notice) this.reporter.notice(message);
    else this.reporter.problem(message);
  }

  private problem(message: string): void {
    this.reporter.log(message);
    if (this.shown.has(message)) return;
    this.shown.add(message);
    this.reporter.problem(message);
  }
}

function isBuiltin(spec: string): boolean {
  return (BUILTIN_PROFILES as readonly string[]).includes(spec.trim());
}

function isInside(filePath: string, folder: string): boolean {
  const rel = path.relative(folder, filePath);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}
