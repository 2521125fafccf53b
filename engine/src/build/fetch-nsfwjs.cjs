#!/usr/bin/env node
// Fetches the npm package nsfwjs@4.4.0 (MIT) with the ordinary npm client and unpacks its MobileNetV2
// TF.js layers model, which the package ships as browserify-wrapped JavaScript (model.min.js holds the
// model.json object, group1-shard1of1.min.js the weight shard as one base64 string), into a plain
// TF.js layers model: <outDir>/model.json + <outDir>/group1-shard1of1.bin.
//
// Usage: node fetch-nsfwjs.cjs <outDir> [--required[=true|false]]
// Does nothing when <outDir> already holds the converted model. When npm cannot fetch the package it
// prints a warning and exits 0 (tests that need the model then skip), unless --required is given.
'use strict';

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const PACKAGE = 'nsfwjs@4.4.0';
const MODEL_DIR = 'dist/models/mobilenet_v2';
// sha256 of the two files inside nsfwjs-4.4.0.tgz; a different content is refused, not converted.
const PINNED_SHA256 = {
  'model.min.js': 'c32f104fd562b08cdff5ed69dfe1209643afa47e792fb12751d2949aa61a397a',
  'group1-shard1of1.min.js': 'ef2e0a63f7d2c4960b37b024b669313f65d3c45cd59e9042636c55b39de53517',
};
const SHARD_NAME = 'group1-shard1of1';

const args = process.argv.slice(2);
const required = args.includes('--required') || args.includes('--required=true');
const outDir = args.find((a) => !a.startsWith('--'));
if (!outDir) {
  console.error('usage: node fetch-nsfwjs.cjs <outDir> [--required[=true|false]]');
  process.exit(2);
}
const modelJsonPath = path.join(outDir, 'model.json');
const shardPath = path.join(outDir, SHARD_NAME + '.bin');
if (fs.existsSync(modelJsonPath) && fs.existsSync(shardPath)) {
  console.log(`[nsfwjs] converted model present in ${outDir}`);
  process.exit(0);
}

function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

// Writes next to the target and renames, so an interrupted build never leaves a half-written file.
function writeAtomically(file, data) {
  const tmp = file + '.tmp-' + process.pid;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

const npmPrefix = path.join(outDir, 'npm');
try {
  fs.mkdirSync(npmPrefix, { recursive: true });
  // --legacy-peer-deps: do not pull nsfwjs' peer dependency @tensorflow/tfjs; --ignore-scripts: run nothing.
  childProcess.execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm',
    ['install', '--prefix', npmPrefix, '--no-save', '--no-package-lock', '--legacy-peer-deps',
      '--ignore-scripts', '--no-audit', '--no-fund', PACKAGE],
    { stdio: 'inherit', shell: process.platform === 'win32' });
} catch (e) {
  const message = `[nsfwjs] could not fetch ${PACKAGE} with npm (${e.message}); ` +
    'tests that need the pretrained MobileNetV2 will be skipped';
  if (required) {
    console.error(message);
    process.exit(1);
  }
  console.warn('WARNING ' + message);
  process.exit(0);
}

const srcDir = path.join(npmPrefix, 'node_modules', 'nsfwjs', MODEL_DIR);
for (const [name, expected] of Object.entries(PINNED_SHA256)) {
  const actual = sha256(path.join(srcDir, name));
  if (actual !== expected) {
    console.error(`[nsfwjs] ${path.join(srcDir, name)} has sha256 ${actual}, expected ${expected}`);
    process.exit(1);
  }
}

// The content is pinned above, so loading the UMD wrappers (which only return literals) is safe.
const model = require(path.resolve(srcDir, 'model.min.js'));
const shardBase64 = require(path.resolve(srcDir, SHARD_NAME + '.min.js'));
if (typeof shardBase64 !== 'string' || !model.modelTopology || !model.weightsManifest) {
  console.error(`[nsfwjs] unexpected content in ${srcDir}`);
  process.exit(1);
}
const shard = Buffer.from(shardBase64, 'base64');

const manifest = model.weightsManifest.map((group) => ({ ...group, paths: [SHARD_NAME + '.bin'] }));
if (manifest.length !== 1 || model.weightsManifest[0].paths.length !== 1) {
  console.error('[nsfwjs] expected exactly one weight group with one shard');
  process.exit(1);
}
const bytesPerValue = { uint8: 1, uint16: 2, float16: 2, float32: 4, int32: 4 };
let expectedBytes = 0;
for (const w of manifest[0].weights) {
  const n = w.shape.reduce((a, b) => a * b, 1);
  expectedBytes += n * bytesPerValue[w.quantization ? w.quantization.dtype : w.dtype];
}
if (expectedBytes !== shard.length) {
  console.error(`[nsfwjs] shard has ${shard.length} bytes, manifest needs ${expectedBytes}`);
  process.exit(1);
}

fs.mkdirSync(outDir, { recursive: true });
writeAtomically(shardPath, shard);
writeAtomically(modelJsonPath, JSON.stringify({
  format: 'layers-model',
  generatedBy: `${PACKAGE} ${MODEL_DIR} (unpacked by engine/src/build/fetch-nsfwjs.cjs)`,
  modelTopology: model.modelTopology,
  weightsManifest: manifest,
}));
console.log(`[nsfwjs] wrote ${modelJsonPath} and ${shardPath} (${shard.length} bytes)`);
