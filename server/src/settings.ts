import type { Connection } from 'vscode-languageserver';
import { SettingsProblemNotification } from './protocol/requests';
import { SECTION, sanitizeSettings, type Settings } from './protocol/settings';

/**
 * Settings per resource: asked from the client with `workspace/configuration` (section
 * `inspectionReport`), validated with {@link sanitizeSettings}, cached per URI and cleared when the
 * configuration changes. Invalid values fall back to their defaults; each distinct set of problems is
 * reported once with {@link SettingsProblemNotification} and logged to the connection console.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private readonly reported = new Set<string>();
  private generationCounter = 0;

  /**
   * @param connection the server's connection, used to ask for settings and report problems
   * @param canAsk whether the client supports `workspace/configuration`; when false every
   *   resource gets the defaults
   */
  constructor(
    private readonly connection: Connection,
    private readonly canAsk: () => boolean,
  ) {}

  /** Increases whenever the configuration changes; results computed under an older one are stale. */
  get generation(): number {
    return this.generationCounter;
  }

  /** The validated settings for one resource; never rejects (falls back to the defaults). */
  get(uri: string): Promise<Settings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.load(uri);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /**
   * The settings for a resource that is not an open document: the cached value when there is one,
   * otherwise read and validated now without caching, so that many one-off resources (the files
   * of a workspace comparison) leave nothing behind. Never rejects.
   */
  getUncached(uri: string): Promise<Settings> {
    return this.cache.get(uri) ?? this.load(uri);
  }

  /** Forgets one resource's settings (its document was closed). */
  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** Forgets every cached value; call when the configuration changed. */
  clear(): void {
    this.cache.clear();
    this.reported.clear();
    this.generationCounter++;
  }

  private async load(uri: string): Promise<Settings> {
    let raw: unknown = undefined;
    if (this.canAsk()) {
      try {
        raw = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION });
      } catch (error) {
        this.connection.console.error(`Could not read settings for ${uri}: ${String(error)}`);
      }
    }
    const { settings, problems } = sanitizeSettings(raw);
    if (problems.length > 0) this.report(problems);
    return settings;
  }

  private report(problems: string[]): void {
    const key = problems.join('\n');
    if (this.reported.has(key)) return;
    this.reported.add(key);
    for (const message of problems) this.connection.console.warn(message);
    void this.connection.sendNotification(SettingsProblemNotification.type, { messages: problems });
  }
}
