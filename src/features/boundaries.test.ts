import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The house rule ESLint keeps (eslint.config.js): features never import each other or the app. */
describe('feature boundaries', () => {
  const eslint = new ESLint();
  const errors = async (filePath: string, code: string) =>
    (await eslint.lintText(code, { filePath })).flatMap((r) => r.messages.map((m) => m.message));

  it('fails a feature importing another feature', async () => {
    expect(await errors('src/features/captions/x.ts', "export { Labels } from '../labels/labels';\n")).toEqual([
      expect.stringMatching(/Features never import each other/),
    ]);
  });

  it('fails a feature importing the app', async () => {
    expect(await errors('src/features/search/x.ts', "export { createCore } from '../../app/core';\n")).toEqual([
      expect.stringMatching(/Features never import src\/app/),
    ]);
  });

  it('lets a feature import its own files, the shared layer and the layers below', async () => {
    const code = [
      "export { Labels } from './labels';",
      "export { csvCell } from '../../shared/csv';",
      "export { TUNABLES } from '../tunables';",
      "export { listPhotos } from '../../library/photos';",
      '',
    ].join('\n');
    expect(await errors('src/features/labels/x.ts', code)).toEqual([]);
  });
});
