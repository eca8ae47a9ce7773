// Type tests, CommonJS side (require condition of the exports map).
import monty = require('monty-wasm');
const m: monty.Monty = new monty.Monty('1');
const v: monty.PyValue = m.run();
void v;
void monty.loadMonty();
