/**
 * Bench data sets (owner: the cache issue): a data folder with the demo bundle of a size
 * imported, built once and kept under .bench-data/ between runs (rebuilt when missing).
 */
export async function prepareDemoDataDir(root: string, size: 'small' | 'medium' | 'large', log: (m: string) => void): Promise<string> {
  log(`demo data ${size} under ${root}: not available yet`);
  throw new Error('demo data sets are not available yet (cache issue)');
}
