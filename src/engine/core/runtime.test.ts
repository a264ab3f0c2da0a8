import { describe, expect, it, vi } from 'vitest';
import { importedStayLocal } from './runtime';

describe('importedStayLocal', () => {
  it('answers files of imported models with a 404 and passes every other request on', async () => {
    const next = vi.fn(async () => new Response('hub'));
    const guarded = importedStayLocal(next);
    const missing = (await guarded(
      'https://huggingface.co/shoebox-import/x/resolve/main/generation_config.json',
    )) as Response;
    expect(missing.status).toBe(404);
    expect(next).not.toHaveBeenCalled();
    await guarded('https://huggingface.co/Xenova/clip/resolve/main/config.json');
    expect(next).toHaveBeenCalledOnce();
  });
});
