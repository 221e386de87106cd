import { routes } from "../api-contract.js";
import { clearSessionCookie } from "../auth.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.deleteSession, ({ req, reply }) => {
  clearSessionCookie(req, reply);
});
