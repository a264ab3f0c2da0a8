/** How object URLs are made and dropped: the browser's `URL` in the app, a fake in tests. */
export interface ObjectUrls {
  create(blob: Blob): string;
  revoke(url: string): void;
}

export interface ThumbnailUrlsOptions {
  load: (id: string) => Promise<Blob | undefined>;
  /** Object URLs kept for photos no tile shows any more (least recently used dropped first). */
  keep: number;
  /**
   * Milliseconds of URL making per task (at least one URL a task): each is a synchronous call to the browser process,
   * ~1 ms, and up to 8 on a 2-core machine under load, so a count per task would not bound the task.
   */
  taskBudgetMs: number;
  urls?: ObjectUrls;
  /** Runs the next batch in a later task. */
  later?: (run: () => void) => void;
  now?: () => number;
}

interface Entry {
  url: string | null;
  blob: Blob | null;
  loading: boolean;
  readonly listeners: Set<(url: string) => void>;
}

const browserUrls: ObjectUrls = {
  create: (blob) => URL.createObjectURL(blob),
  revoke: (url) => URL.revokeObjectURL(url),
};

/**
 * The gallery's thumbnails as object URLs, shared by the tiles: a tile that scrolls back into view gets its URL (and
 * the browser its decoded image) again instead of a new one; URLs are made a few milliseconds' worth per task, so a screen of new tiles
 * never blocks a frame; and a tile that scrolls away before its turn costs no URL at all.
 */
export class ThumbnailUrls {
  private readonly entries = new Map<string, Entry>(); // in the order last used, oldest first
  private readonly waiting: string[] = [];
  /** Photos asked for while paused: loaded on resume if a tile still shows them. */
  private readonly held = new Set<string>();
  private paused = false;
  private scheduled = false;
  private readonly urls: ObjectUrls;
  private readonly later: (run: () => void) => void;
  private readonly now: () => number;

  constructor(private readonly options: ThumbnailUrlsOptions) {
    this.urls = options.urls ?? browserUrls;
    this.later = options.later ?? ((run) => setTimeout(run, 0));
    this.now = options.now ?? (() => performance.now());
  }

  /** The photo's URL if one is made already (a tile's first render shows it without waiting). */
  peek(id: string): string | null {
    return this.entries.get(id)?.url ?? null;
  }

  /** Calls `onUrl` once the photo's URL exists (at once if it does); the returned function stops waiting. */
  subscribe(id: string, onUrl: (url: string) => void): () => void {
    let entry = this.entries.get(id);
    if (entry) this.entries.delete(id);
    else entry = { url: null, blob: null, loading: false, listeners: new Set() };
    this.entries.set(id, entry);
    const e = entry;
    e.listeners.add(onUrl);
    if (e.url) onUrl(e.url);
    else if (this.paused) this.held.add(id);
    else this.startLoad(id, e);
    return () => {
      e.listeners.delete(onUrl);
      if (e.listeners.size > 0 || this.entries.get(id) !== e) return;
      this.entries.delete(id);
      // Last seen now (the newest to keep), or scrolled away before its URL was made: forgotten, loaded again if it
      // comes back.
      if (e.url || e.loading) this.entries.set(id, e);
      else {
        e.blob = null;
        this.held.delete(id);
      }
    };
  }

  /**
   * Until `resume`, photos asked for wait (no load) and no URL is made: during a fast fling the tiles that flash by
   * cost nothing, and those still in view when it slows get theirs then. URLs made already are still given at once.
   */
  pause(): void {
    this.paused = true;
  }

  /** Loads the photos asked for while paused that a tile still shows. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    for (const id of this.held) {
      const e = this.entries.get(id);
      if (e && e.listeners.size > 0 && !e.url) this.startLoad(id, e);
    }
    this.held.clear();
    if (this.waiting.length > 0) this.schedule();
  }

  private startLoad(id: string, e: Entry): void {
    if (e.loading || e.blob) return;
    e.loading = true;
    void this.options.load(id).then((blob) => {
      e.loading = false;
      if (this.entries.get(id) !== e) return; // cleared meanwhile
      // Gone from view while it loaded, or no thumbnail: nothing to make.
      if (!blob || e.listeners.size === 0) return void (e.listeners.size === 0 && this.entries.delete(id));
      e.blob = blob;
      this.waiting.push(id);
      this.schedule();
    });
  }

  /** Revokes every URL and forgets every photo (the gallery is gone); tiles that subscribe later start afresh. */
  clear(): void {
    for (const e of this.entries.values()) if (e.url) this.urls.revoke(e.url);
    this.entries.clear();
    this.waiting.length = 0;
    this.held.clear();
  }

  /** How many URLs exist now (for tests). */
  get size(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.url) n++;
    return n;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.later(() => {
      this.scheduled = false;
      this.makeSome();
    });
  }

  private makeSome(): void {
    if (this.paused) return; // resume schedules the rest
    const start = this.now();
    let made = 0;
    while (this.waiting.length > 0 && (made === 0 || this.now() - start < this.options.taskBudgetMs)) {
      const id = this.waiting.shift()!;
      const e = this.entries.get(id);
      if (!e?.blob) continue;
      if (e.listeners.size === 0) {
        this.entries.delete(id);
        continue;
      }
      e.url = this.urls.create(e.blob);
      e.blob = null;
      made++;
      for (const onUrl of [...e.listeners]) onUrl(e.url);
    }
    this.evict();
    if (this.waiting.length > 0) this.schedule();
  }

  /** Revokes the least recently used URLs that no tile shows, beyond `keep`. */
  private evict(): void {
    let unused = 0;
    for (const e of this.entries.values()) if (e.url && e.listeners.size === 0) unused++;
    for (const [id, e] of this.entries) {
      if (unused <= this.options.keep) break;
      if (!e.url || e.listeners.size > 0) continue;
      this.urls.revoke(e.url);
      this.entries.delete(id);
      unused--;
    }
  }
}
