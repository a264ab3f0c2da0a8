import { test, expect } from '../fixtures/fixtures';
import { colorLibrary, writePhotoFolder } from '../fixtures/photos';

/** The colour library plus one red photo whose only distinctive words are in its name. */
const library = () => writePhotoFolder({ ...colorLibrary(), 'IMG_red_2041.png': 'red' }, 'query');
const RED = ['query/2019/red-2.png', 'query/2019/summer/red-3.png', 'query/IMG_red_2041.png', 'query/red-1.png'];
const BLUE = ['query/2019/blue-2.png', 'query/2021/blue-3.png', 'query/blue-1.png'];

test.describe('the query language', () => {
  test('"red -blue" ranks the red photos first and no blue one at all', async ({ app, requests }) => {
    await app.goto();
    await app.dropFolder(library());
    await app.waitForLibrary(10, 0);
    await app.setMinScore(-0.2);
    await app.searchFor('red -blue');
    // Subtracting blue gives the blue photos a cosine below the lowest cutoff: the red and green ones are left.
    await expect(app.photos).toHaveCount(7);
    const names = await app.names();
    expect(names.slice(0, 4).sort()).toEqual(RED);
    expect(names.filter((n) => n.includes('blue'))).toEqual([]);
    await app.searchFor('red');
    await expect(app.photos).toHaveCount(10);
    // Without the subtraction they are there: it is "-blue" that moved them.
    expect((await app.names()).filter((n) => n.includes('blue')).sort()).toEqual(BLUE);
    await expect(app.page.getByTestId('query-errors')).toHaveCount(0);
    expect(requests.foreign).toEqual([]);
  });

  test('a number in a file name finds that file first', async ({ app }) => {
    await app.goto();
    await app.dropFolder(library());
    await app.waitForLibrary(10);
    await app.setMinScore(-0.2);
    await app.searchFor('2041');
    const names = await app.names();
    expect(names[0]).toBe('query/IMG_red_2041.png');
    const scores = await app.scores();
    expect(scores[0]!).toBeGreaterThan(scores[1]! + 0.05);
  });

  test('what cannot be parsed is shown under the box, the rest is searched; the syntax help is there', async ({
    app,
  }) => {
    await app.goto();
    await app.dropFolder(library());
    await app.waitForLibrary(10);
    await app.setMinScore(-0.2);
    await app.searchFor('blue -');
    await expect(app.page.getByTestId('query-errors')).toContainText('"-" at 6 has no term after it; ignored');
    expect((await app.names()).slice(0, 3).sort()).toEqual(BLUE);
    await app.searchFor('blue');
    await expect(app.page.getByTestId('query-errors')).toHaveCount(0);

    const help = app.page.getByTestId('query-help');
    await help.locator('summary').click();
    await expect(help).toContainText('beach -people');
    await expect(help).toContainText('2:sunset + city');
  });
});
