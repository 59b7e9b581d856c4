'use strict';

// Starts s3rver with one change that makes it behave as S3 does: a PUT either stores the whole body
// or nothing. s3rver 3.7.1 streams a PUT straight into the object's file, so a client killed in the
// middle of an upload (the tests kill -9 Nexus while it ships) leaves a cut-short object that S3
// would never store. Here the body goes to a scratch file beside the object, is renamed over the
// object only when every byte the Content-Length announced has arrived, and is removed otherwise.
//
// Usage: node atomic-put.js <path of node_modules/s3rver> <s3rver's own arguments...>

const crypto = require('crypto');
const path = require('path');

const home = path.resolve(process.argv[2]);
const fs = require(require.resolve('fs-extra', { paths: [home] }));
const FilesystemStore = require(path.join(home, 'lib/stores/filesystem'));
const S3Error = require(path.join(home, 'lib/models/error'));

let scratchCount = 0;

FilesystemStore.prototype.putObject = async function putObject(object) {
  const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
  await fs.mkdirp(path.dirname(objectPath));
  const scratch = `${objectPath}.partial-${process.pid}-${scratchCount++}`;
  const md5Context = crypto.createHash('md5');
  let size;
  try {
    if (Buffer.isBuffer(object.content)) {
      await fs.writeFile(scratch, object.content);
      md5Context.update(object.content);
      size = object.content.length;
    } else {
      size = await new Promise((resolve, reject) => {
        let total = 0;
        let ended = false;
        const out = fs.createWriteStream(scratch);
        const fail = err => {
          out.destroy();
          reject(err);
        };
        object.content.on('data', chunk => {
          md5Context.update(chunk);
          total += chunk.length;
        });
        object.content.on('end', () => {
          ended = true;
        });
        object.content.on('error', fail);
        object.content.on('close', () => {
          if (!ended) fail(new S3Error('IncompleteBody', 'The request body ended early.'));
        });
        out.on('error', fail);
        out.on('finish', () => resolve(total));
        object.content.pipe(out);
      });
    }
    const announced = object.size;
    if (Number.isFinite(announced) && announced !== size) {
      throw new S3Error(
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header.',
      );
    }
    await fs.rename(scratch, objectPath);
  } catch (err) {
    await fs.remove(scratch).catch(() => {});
    throw err;
  }
  const md5 = md5Context.digest('hex');
  await this.putMetadata(object.bucket, object.key, object.metadata, md5);
  return { size, md5 };
};

const bin = path.join(home, 'bin/s3rver.js');
process.argv = [process.argv[0], bin, ...process.argv.slice(3)];
require(bin);
