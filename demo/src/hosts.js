// Host functions, defined in the page. The Python program calls them; the run
// pauses; the page computes the answer here and resumes the run with it.

const USERS = [
  { id: 1, name: 'Ada' },
  { id: 2, name: 'Grace' },
  { id: 3, name: 'Linus' },
];
const ORDERS = {
  1: [{ id: 101, amount: 30 }, { id: 102, amount: 12 }],
  2: [{ id: 201, amount: 99 }],
  3: [],
};

/** Canned "network": URL → JSON data. */
export function cannedResponse(url) {
  const u = new URL(String(url));
  if (u.hostname !== 'api.example.com') throw hostError('ConnectionError', `cannot reach ${u.hostname} (this demo only knows api.example.com)`);
  if (u.pathname === '/users') return USERS;
  if (u.pathname === '/orders' && u.searchParams.get('user') in ORDERS) return ORDERS[u.searchParams.get('user')];
  throw hostError('KeyError', `404 Not Found: ${url}`);
}

function hostError(type, message) {
  const error = new Error(message);
  error.pythonType = type;
  return error;
}

/** Delay before fetch_json answers, so the pause can be seen. */
export const FETCH_DELAY_MS = 700;

export const hostFunctions = {
  /** Answered automatically after a delay. */
  fetch_json: {
    auto: true,
    note: `answered from canned data in ${FETCH_DELAY_MS / 1000} s…`,
    answer: (url) => new Promise((resolve) => setTimeout(resolve, FETCH_DELAY_MS)).then(() => cannedResponse(url)),
  },
  /** Answered by the person in the page (the answer form). */
  ask: {
    auto: false,
    note: 'Type your answer below (the run stays paused until you do).',
  },
};
