import { loadMonty, Monty } from 'monty-wasm';
await loadMonty();
document.body.textContent = String(new Monty('6 * 7').run());
