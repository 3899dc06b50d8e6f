// Reads [[logic, data], ...] as JSON on stdin; writes whether json-logic-js finds each logic true of its data.
const jsonLogic = require("json-logic-js");
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const cases = JSON.parse(input);
  process.stdout.write(JSON.stringify(cases.map(([logic, data]) => jsonLogic.truthy(jsonLogic.apply(logic, data)))));
});
