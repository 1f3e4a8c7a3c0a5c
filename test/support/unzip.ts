/**
 * Reads the files of a .zip (such as a .docx) inside workerd: the central directory by hand,
 * DEFLATE through the runtime's DecompressionStream. Enough for the files the exports write.
 */
export async function unzip(data: ArrayBuffer): Promise<Map<string, string>> {
  const view = new DataView(data);
  const end = findEndOfCentralDirectory(view);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`no central directory entry at ${at}`);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeader = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(new Uint8Array(data, at + 46, nameLength));
    const start = localHeader + 30 + view.getUint16(localHeader + 26, true) + view.getUint16(localHeader + 28, true);
    const bytes = new Uint8Array(data, start, compressedSize);
    files.set(name, new TextDecoder().decode(method === 0 ? bytes : await inflate(bytes)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

function findEndOfCentralDirectory(view: DataView): number {
  for (let at = view.byteLength - 22; at >= 0; at--) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  throw new Error('not a zip file');
}

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
