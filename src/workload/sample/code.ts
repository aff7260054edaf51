/** Code: small functions in several languages, SQL, and debugging with a snippet to read. */

const TASKS = [
  'reverses the order of the words in a sentence',
  'checks whether a string is a palindrome, ignoring punctuation and letter case',
  'merges two sorted lists into one sorted list',
  'returns the n-th Fibonacci number in O(log n) time',
  'parses an ISO 8601 date and returns its weekday',
  'removes duplicates from a list while keeping the order of first occurrence',
  'implements an LRU cache with get and put in O(1)',
  'counts word frequencies in a text file and prints the ten most common words',
  'flattens an arbitrarily nested list',
  'computes the Levenshtein distance between two strings',
  'finds the length of the shortest path through a grid maze with breadth-first search',
  'debounces another function',
  'reads a CSV file and averages one column, skipping malformed rows',
  'does a binary search that returns the insertion point when the value is absent',
  'rotates a square matrix 90 degrees clockwise in place',
  'detects a cycle in a singly linked list',
  'converts a Roman numeral to an integer',
  'groups a list of words into anagram families',
  'limits calls to at most N per second with a token bucket',
  'serialises a binary tree to a string and reads it back',
  'keeps the k largest values seen in a stream',
  'splits a list into chunks of size k',
  'retries an HTTP request with exponential backoff and jitter',
  'finds the median of two sorted arrays',
  'validates that brackets in a string are balanced',
];

const LANGUAGES = ['Python', 'TypeScript', 'Rust', 'Go', 'Java'];

const ASKS: ((language: string, task: string) => string)[] = [
  (language, task) => `Write a ${language} function that ${task}.`,
  (language, task) =>
    `In ${language}, write a function that ${task}. Explain its time and space complexity and add two unit tests.`,
];

const SQL = [
  'Write a SQL query that returns the three customers with the highest total order value in 2024, from customers(id, name) and orders(id, customer_id, total, created_at).',
  'Write a SQL query that lists each department with its employee count and average salary, including departments with no employees.',
  'Given a table events(user_id, event_time), write a SQL query for the number of users active on each of the last 7 days.',
  'Write a SQL query that finds duplicate email addresses in a users table, ignoring letter case and surrounding spaces.',
  'How do I get a running total of daily sales per store in PostgreSQL? Show the window function.',
];

const DEBUGGING = [
  `Why does this Python function return the wrong result for the second call?

def append_item(item, items=[]):
    items.append(item)
    return items

print(append_item(1))
print(append_item(2))`,
  `This JavaScript prints 3, 3, 3 instead of 0, 1, 2. Why, and how do I fix it?

for (var i = 0; i < 3; i++) {
  setTimeout(() => console.log(i), 0);
}`,
  `My Go program deadlocks. What is wrong?

func main() {
    ch := make(chan int)
    ch <- 1
    fmt.Println(<-ch)
}`,
  `Why does this TypeScript not compile, and what is the idiomatic fix?

function first<T>(xs: T[]): T {
  return xs.length ? xs[0] : null;
}`,
  `This Rust code fails with "borrowed value does not live long enough". Explain the error and fix it.

fn longest(words: &Vec<String>) -> &str {
    let mut best = String::new();
    for w in words {
        if w.len() > best.len() { best = w.clone(); }
    }
    &best
}`,
];

export const CODE: readonly string[] = [
  ...TASKS.flatMap((task, i) => ASKS.map((ask, j) => ask(LANGUAGES[(i + 2 * j) % LANGUAGES.length]!, task))),
  ...SQL,
  ...DEBUGGING,
];
