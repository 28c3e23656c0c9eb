/** Names used in URLs and on the command line (repositories, services): the server's rule. */
export const slugNamePattern = '[A-Za-z0-9][A-Za-z0-9._\\-]*';
export const slugNameRule =
  'Letters, digits, dots, dashes or underscores, starting with a letter or digit';
