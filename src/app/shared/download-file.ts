/**
 * Saves `data` as a download named `name`: a Blob URL on a temporary `<a download>`. The URL is revoked
 * a little later, not at once, because some browsers start reading it only after `click()` returns.
 */
export function downloadFile(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
