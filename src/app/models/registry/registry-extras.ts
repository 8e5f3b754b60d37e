// Everything the registry needs only after the page has loaded — exporting and importing (with fflate),
// checking kept figures, deleting with undo — as one module loaded on first use: one lazy chunk keeps the
// page's first-load JavaScript small (budget 40 KB gzip) without splitting it into many small chunks.
export { discardDeleted, withoutVersion, withRestored } from './deletions';
export { importedVersion, readImportFiles } from './import-files';
export { checkFigures } from './kept-figures';
export { writeArchive } from './version-archive';
