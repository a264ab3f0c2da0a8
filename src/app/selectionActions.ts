import type { SelectionAction } from '../features/gallery/SelectionBar';
import type { Photo } from '../library/schema';
import { csvFormat } from '../shared/csv';
import { downloadBlob } from '../shared/download';
import type { Core } from './core';

/**
 * What the selection bar offers, from the features that can do it today: apply a label of the active set (labels),
 * caption (captions), export as CSV, relevance feedback (search: "more like these" / "fewer like these" move the
 * search toward / away from them), hide (duplicates: out of the gallery and search, undo above the gallery).
 */
export function selectionActions(core: Core): SelectionAction[] {
  const actions: SelectionAction[] = [];
  const active = core.labels.active;
  if (active) {
    actions.push({
      id: 'label',
      label: 'Label',
      choices: { prompt: `Apply a label of ${active.name}`, values: active.labels },
      run: async (ids, label) => {
        if (!label) return;
        await core.labels.apply(ids, label);
        return `${count(ids.length)} labelled ${label}.`;
      },
    });
  }
  actions.push(
    {
      id: 'more',
      label: 'More like these',
      run: (ids) => {
        core.search.feedback(ids, 'more');
        core.selection.clear();
      },
    },
    {
      id: 'fewer',
      label: 'Fewer like these',
      run: (ids) => {
        core.search.feedback(ids, 'fewer');
        core.selection.clear();
      },
    },
    {
      id: 'teach',
      label: 'Teach',
      text: {
        prompt: 'Teach a label by example',
        placeholder: 'Teach a label…',
        suggestions: active?.labels ?? [],
        submits: [
          { id: 'example', label: 'Teach' },
          { id: 'counter', label: 'Not this' },
        ],
      },
      run: async (ids, name, variant) => {
        const asExample = variant !== 'counter';
        const report = await core.labels.teach(ids, name ?? '', asExample);
        const marked = `${count(ids.length)} marked as ${asExample ? 'examples' : 'counter-examples'}`;
        if (!report) return `${marked}; it needs examples to learn from.`;
        const cv = report.crossValidation;
        const figure = cv ? ` · ${cv.folds}-fold accuracy ${Math.round(cv.accuracy * 100)}%` : '';
        return `${marked} of ${report.label}: ${count(report.labelled)} labelled${figure}.`;
      },
    },
    {
      id: 'caption',
      label: 'Caption',
      run: async (ids) => {
        let failed = 0;
        for (const id of ids) {
          await core.captions.captionOne(id);
          if (core.captions.store.get().errorPhoto === id) failed++;
        }
        if (failed === ids.length) throw new Error(core.captions.store.get().error ?? 'no photo could be captioned');
        return `${count(ids.length - failed)} captioned${failed > 0 ? `, ${failed} could not be` : ''}.`;
      },
    },
    {
      id: 'hide',
      label: 'Hide',
      run: async (ids) => {
        // The photos leave the grid, so the selection goes; "Undo" stays above the gallery for a few seconds.
        await core.duplicates.hide(ids);
        core.selection.clear();
      },
    },
    {
      id: 'export',
      label: 'Export CSV',
      run: (ids) => {
        const rows = selectionCsvRows(core, ids);
        downloadBlob(new Blob([csvFormat(rows)], { type: 'text/csv' }), 'shoebox-selection.csv');
        return `${count(ids.length)} exported.`;
      },
    },
  );
  return actions;
}

/** One row a selected photo, in the library's order: file, name, date taken, size, id, caption, labels. */
export function selectionCsvRows(core: Core, ids: readonly string[]): (string | number)[][] {
  const wanted = new Set(ids);
  const captions = core.captions.store.get().byId;
  const labels = core.labels.store.get().photoLabels;
  const rows: (string | number)[][] = [['file', 'name', 'taken', 'width', 'height', 'id', 'caption', 'labels']];
  for (const photo of core.store.get().photos.filter((p: Photo) => wanted.has(p.id))) {
    rows.push([
      photo.path,
      photo.name,
      photo.takenAt === null ? '' : new Date(photo.takenAt).toISOString(),
      photo.width,
      photo.height,
      photo.id,
      captions.get(photo.id)?.text ?? '',
      (labels?.get(photo.id) ?? []).map((l) => l.label).join('; '),
    ]);
  }
  return rows;
}

function count(n: number): string {
  return n === 1 ? '1 photo' : `${n} photos`;
}
