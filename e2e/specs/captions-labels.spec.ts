import { test, expect } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder } from '../fixtures/photos';

const colorOf = (name: string) => /(red|green|blue)-\d\.png$/.exec(name)![1]!;

test.describe('captions and zero-shot labels', () => {
  test('captions: on demand, the whole library in the background, edits that win, search by caption words', async ({
    app,
  }) => {
    await app.goto();
    await app.dropFolder(writePhotoFolder(colorLibrary(), 'colors'));
    await app.waitForLibrary(9, 0);

    // One photo, on demand, from its detail view.
    await app.open('colors/blue-1.png');
    await expect(app.page.getByTestId('caption-empty')).toBeVisible();
    await app.page.getByTestId('caption-generate').click();
    await expect(app.page.getByTestId('caption')).toHaveText('a blue picture');
    await expect(app.page.getByTestId('caption-generate')).toHaveText('Regenerate');

    // The user's caption wins, and the background run never overwrites it.
    await app.page.getByTestId('close-detail').click();
    await app.open('colors/red-1.png');
    await app.editCaption('birthday cake');
    await expect(app.page.getByTestId('caption')).toHaveAttribute('data-source', 'user');
    await app.page.getByTestId('close-detail').click();

    await app.captionAll();
    await expect(app.page.getByTestId('caption-progress')).toHaveAttribute('data-running', 'false');
    await app.openTab('labels');
    const json = JSON.parse((await app.download('export-json')).text) as {
      photos: { file: string; caption: string; captionSource: string }[];
    };
    expect(json.photos).toHaveLength(9);
    for (const photo of json.photos) {
      if (photo.file === 'colors/red-1.png') expect(photo).toMatchObject({ caption: 'birthday cake' });
      else expect(photo.caption).toBe(`a ${colorOf(photo.file)} picture`);
    }

    // Search matches caption words: "cake" is no colour the model knows, only the caption says it.
    await app.openTab('photos');
    await app.searchFor('cake');
    expect((await app.names())[0]).toBe('colors/red-1.png');

    // Captions survive a reload; nothing is captioned again.
    await app.page.reload();
    await app.waitForLibrary(9);
    await expect(app.search).toHaveValue('cake'); // the URL keeps the search; back to every photo
    await app.search.fill('');
    await app.open('colors/2020/green-2.png');
    await expect(app.page.getByTestId('caption')).toHaveText('a green picture');
    await app.page.getByTestId('close-detail').click();
    await app.open('colors/red-1.png');
    await expect(app.page.getByTestId('caption')).toHaveText('birthday cake');
    expect((await app.engineStats()).captions).toBe(0);
  });

  test('labels: "red, green, blue" labels each photo by colour, filters the gallery, relabels without images', async ({
    app,
  }) => {
    await app.goto();
    await app.pickFolder(writePhotoFolder(colorLibrary(), 'labelled'));
    await app.waitForLibrary(9, 0);
    const indexed = await app.engineStats();
    expect(indexed.imagesEmbedded).toBe(9);

    await app.applyLabelSet('red, green, blue');
    expect(await app.labelCounts()).toEqual({ red: 3, green: 3, blue: 3, '': 0 });

    await app.openTab('photos');
    await expect(app.page.getByTestId('label-chip')).toHaveCount(9);
    const chips = await app.tileLabels();
    expect(Object.keys(chips)).toHaveLength(9);
    for (const [name, labels] of Object.entries(chips)) expect(labels).toEqual([colorOf(name)]);
    const score = Number(await app.page.getByTestId('label-chip').first().getAttribute('data-score'));
    expect(score).toBeGreaterThan(0.5);

    await app.filterByLabel('green');
    await expect(app.photos).toHaveCount(3);
    expect((await app.names()).every((n) => colorOf(n) === 'green')).toBe(true);
    await app.filterByLabel(null);
    await expect(app.photos).toHaveCount(9);

    // Relabeling after editing the set embeds prompts, never an image.
    await app.applyLabelSet('red, green, blue, yellow');
    expect(await app.labelCounts()).toEqual({ red: 3, green: 3, blue: 3, yellow: 0, '': 0 });
    const after = await app.engineStats();
    expect(after.imagesEmbedded).toBe(indexed.imagesEmbedded);
    expect(after.textsEmbedded).toBeGreaterThan(indexed.textsEmbedded);

    // Saved sets can be switched; the label counts are buttons that filter the gallery.
    await app.applyLabelSet('blue', { asNew: true });
    await app.page.getByTestId('label-set-select').selectOption({ label: 'red, green, blue' });
    await expect(app.page.getByTestId('label-count')).toHaveCount(5);
    await app.page.locator('[data-testid="label-count"][data-label="red"]').click();
    await expect(app.photos).toHaveCount(3);
    expect((await app.names()).every((n) => colorOf(n) === 'red')).toBe(true);

    // One CSV row per photo, with its label and score.
    await app.openTab('labels');
    const csv = await app.download('export-csv');
    expect(csv.name).toBe('shoebox-labels.csv');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('file,labels,scores,caption,caption_source,id');
    expect(lines).toHaveLength(1 + 9);
    for (const line of lines.slice(1)) {
      const [file, label, labelScore] = line.split(',');
      expect(label).toBe(colorOf(file!));
      expect(Number(labelScore)).toBeGreaterThan(0.5);
    }
    expect((await app.engineStats()).imagesEmbedded).toBe(indexed.imagesEmbedded);
  });
});
