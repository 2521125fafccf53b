#!/usr/bin/env node
// Computes the reference that MobileNetV2EncoderGoldenTest compares the DJL encoder against, with
// TF.js itself (pinned @tensorflow/tfjs, pure-JS CPU backend), from the converted nsfwjs model.
//
//   cd engine/src/build/golden && npm ci
//   node make-mobilenetv2-golden.cjs ../../../target/nsfwjs ../../test/resources/golden/mobilenetv2-nsfwjs-golden.json
//
// Input (NHWC, 1x224x224x3, the range nsfwjs feeds after dividing by 255):
//   x[0,h,w,c] = 0.5 + 0.5 * sin(0.031*h + 0.017*w*(c+1) + 0.9*c) * cos(0.023*w - 0.011*h)
// Output: for each U-Net skip layer its shape (NCHW), sum, L2 norm, and SAMPLES values at NCHW flat
// indices i_k = floor(k * size / SAMPLES); and, per weight tensor, the sum TF.js decodes from the file.
'use strict';

const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

const SKIP_LAYERS = ['block_1_expand_relu', 'block_3_expand_relu', 'block_6_expand_relu',
  'block_13_expand_relu', 'out_relu'];
const SIZE = 224;
const SAMPLES = 64;

function inputValue(h, w, c) {
  return 0.5 + 0.5 * Math.sin(0.031 * h + 0.017 * w * (c + 1) + 0.9 * c) * Math.cos(0.023 * w - 0.011 * h);
}

async function main() {
  const [modelDir, outFile] = process.argv.slice(2);
  if (!modelDir || !outFile) {
    console.error('usage: node make-mobilenetv2-golden.cjs <converted nsfwjs dir> <golden.json>');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  const modelJson = JSON.parse(fs.readFileSync(path.join(modelDir, 'model.json'), 'utf8'));
  const group = modelJson.weightsManifest[0];
  const bin = fs.readFileSync(path.join(modelDir, group.paths[0]));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  const model = await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: modelJson.modelTopology, weightSpecs: group.weights, weightData }));

  const weightSums = {};
  const decoded = tf.io.decodeWeights(weightData, group.weights);
  for (const spec of group.weights) {
    weightSums[spec.name] = { shape: spec.shape, sum: sumOf(decoded[spec.name].dataSync()) };
  }

  const data = new Float32Array(SIZE * SIZE * 3);
  for (let h = 0; h < SIZE; h++) {
    for (let w = 0; w < SIZE; w++) {
      for (let c = 0; c < 3; c++) {
        data[(h * SIZE + w) * 3 + c] = inputValue(h, w, c);
      }
    }
  }
  const features = tf.model({ inputs: model.inputs, outputs: SKIP_LAYERS.map((n) => model.getLayer(n).output) });
  const outputs = features.predict(tf.tensor4d(data, [1, SIZE, SIZE, 3]));
  const layers = [];
  for (let i = 0; i < SKIP_LAYERS.length; i++) {
    const nchw = outputs[i].transpose([0, 3, 1, 2]);
    const values = nchw.dataSync();
    const samples = [];
    for (let k = 0; k < SAMPLES; k++) {
      const index = Math.floor(k * values.length / SAMPLES);
      samples.push([index, values[index]]);
    }
    layers.push({ name: SKIP_LAYERS[i], shape: nchw.shape, sum: sumOf(values),
      l2: Math.sqrt(values.reduce((a, v) => a + v * v, 0)), maxAbs: values.reduce((a, v) => Math.max(a, Math.abs(v)), 0),
      samples });
  }
  const golden = {
    source: 'nsfwjs@4.4.0 dist/models/mobilenet_v2, TF.js ' + tf.version.tfjs + ' backend ' + tf.getBackend(),
    input: 'NHWC 1x224x224x3, x[0,h,w,c] = 0.5 + 0.5*sin(0.031*h + 0.017*w*(c+1) + 0.9*c)*cos(0.023*w - 0.011*h)',
    samples: 'NCHW flat index, value',
    layers,
    weightSums,
  };
  fs.writeFileSync(outFile, JSON.stringify(golden, null, 1) + '\n');
  console.log(`wrote ${outFile}`);
}

function sumOf(values) {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

main().catch((e) => { console.error(e); process.exit(1); });
