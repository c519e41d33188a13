/**
 * The readers of the archives the manifest check opens (archive.ts): every file of a zip, stored or
 * deflated, and the regular files of a tarball.
 */
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { readTarGz, readZip } from './archive';

/** A zip archive of the files, the first stored and the others deflated. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  Object.entries(files).forEach(([name, text], i) => {
    const data = Buffer.from(text);
    const method = i === 0 ? 0 : 8;
    const body = method === 0 ? data : deflateRawSync(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, Buffer.from(name), body);
    central.push(entry, Buffer.from(name));
    offset += 30 + name.length + body.length;
  });
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

/** A gzipped ustar tarball of the files: a folder entry, and a long path split into prefix and name. */
function tarGz(files: Record<string, string>): Buffer {
  const header = (name: string, size: number, type: string) => {
    const h = Buffer.alloc(512);
    const split = name.length > 100 ? name.lastIndexOf('/') : -1;
    h.write(split > 0 ? name.slice(split + 1) : name, 0);
    if (split > 0) h.write(name.slice(0, split), 345);
    h.write('0000644\0', 100);
    h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
    h.write(type, 156);
    h.write('ustar\x0000', 257);
    h.write('        ', 148);
    h.write(`${h.reduce((n, b) => n + b, 0).toString(8).padStart(6, '0')}\0 `, 148);
    return h;
  };
  const parts = [header('package/', 0, '5')];
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    parts.push(header(name, data.length, '0'), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  return gzipSync(Buffer.concat([...parts, Buffer.alloc(1024)]));
}

test('the zip reader returns every file, stored or deflated', () => {
  const files = { 'a/METADATA': 'Name: x\n', 'a/top_level.txt': 'x\n'.repeat(100), 'b/c.tgz': 'binary' };
  expect(Object.fromEntries([...readZip(zip(files))].map(([k, v]) => [k, v.toString()]))).toEqual(files);
});

test('the tarball reader returns the regular files, long paths joined with their prefix', () => {
  const long = `package/${'deep/'.repeat(25)}index.js`;
  const files = { 'package/assets/connection-invitation-handler/index.js': 'exports.handler=1;', [long]: 'x'.repeat(700) };
  expect(Object.fromEntries([...readTarGz(tarGz(files))].map(([k, v]) => [k, v.toString()]))).toEqual(files);
});
