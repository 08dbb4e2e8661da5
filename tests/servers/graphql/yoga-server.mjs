// SPDX-License-Identifier: GPL-3.0-or-later
// The GraphQL server of Tanager's integration and GUI tests: graphql-yoga over HTTP (POST and GET) and
// graphql-ws (the graphql-transport-ws protocol) on the same port, at /graphql.
//
// usage: node yoga-server.mjs PORT [--no-introspection]
// prints "listening on 127.0.0.1:PORT" once both are ready.
//
// The schema has queries with arguments, a mutation, a subscription that counts, a field that always fails
// (an error with a path and locations beside partial data), a deprecated field, an enum, an interface and a
// union, so that every part of the client and the schema explorer meets the real thing.
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/lib/use/ws';

const port = Number(process.argv[2]);
const introspection = !process.argv.includes('--no-introspection');

const typeDefs = /* GraphQL */ `
  """A thing that has an id."""
  interface Node { id: ID! }

  enum Genre { FICTION POETRY HISTORY }

  """A book in the library."""
  type Book implements Node {
    id: ID!
    title: String!
    genre: Genre!
    """The author's name as printed on the cover."""
    author: String!
    isbn: String @deprecated(reason: "Use id instead.")
    """Always fails, to test errors beside partial data."""
    secret: String
  }

  type Author implements Node { id: ID! name: String! }

  union SearchResult = Book | Author

  input BookInput { title: String!, genre: Genre = FICTION, author: String! }

  type Query {
    """Greets someone."""
    hello(name: String = "world"): String!
    book(id: ID!): Book
    books(genre: Genre, first: Int = 10): [Book!]!
    search(text: String!): [SearchResult!]!
    """Fails every time with an error that carries a path and locations."""
    boom: String
    """The Authorization header this request carried."""
    whoami: String
  }

  type Mutation {
    addBook(input: BookInput!): Book!
  }

  type Subscription {
    """Counts from 1 to \`to\`, one event every \`intervalMs\`."""
    countdown(to: Int! = 3, intervalMs: Int = 20): Int!
    """One event: the Authorization header of the WebSocket handshake."""
    whoami: String
  }
`;

const books = [
  { id: '1', title: 'Dune', genre: 'FICTION', author: 'Frank Herbert', isbn: '978-0441013593' },
  { id: '2', title: 'Odes', genre: 'POETRY', author: 'Keats', isbn: '978-0140424461' },
];

const resolvers = {
  Query: {
    hello: (_, { name }) => `Hello, ${name}!`,
    book: (_, { id }) => books.find(b => b.id === id) ?? null,
    books: (_, { genre, first }) => books.filter(b => !genre || b.genre === genre).slice(0, first),
    search: (_, { text }) => [
      ...books.filter(b => b.title.includes(text)),
      ...books.filter(b => b.author.includes(text)).map(b => ({ id: `a${b.id}`, name: b.author })),
    ],
    boom: () => { throw new Error('The boom field always fails.'); },
    whoami: (_, __, context) => context.request.headers.get('authorization'),
  },
  Book: { secret: () => { throw new Error('Secrets are not for sharing.'); } },
  SearchResult: { __resolveType: obj => (obj.title ? 'Book' : 'Author') },
  Node: { __resolveType: obj => (obj.title ? 'Book' : 'Author') },
  Mutation: {
    addBook: (_, { input }) => {
      const book = { id: String(books.length + 1), isbn: null, ...input };
      books.push(book);
      return book;
    },
  },
  Subscription: {
    countdown: {
      subscribe: async function* (_, { to, intervalMs }) {
        for (let i = 1; i <= to; ++i) {
          await new Promise(resolve => setTimeout(resolve, intervalMs));
          yield { countdown: i };
        }
      },
    },
    whoami: {
      subscribe: async function* (_, __, context) {
        yield { whoami: context.handshakeAuthorization ?? null };
      },
    },
  },
};

const schema = createSchema({ typeDefs, resolvers });
const validationRules = introspection ? [] : [NoSchemaIntrospectionCustomRule];
const yoga = createYoga({
  schema,
  graphqlEndpoint: '/graphql',
  graphiql: false,
  logging: false,
  maskedErrors: false,
  plugins: [{ onValidate: ({ addValidationRule }) => validationRules.forEach(addValidationRule) }],
});

// Two endpoints that are not GraphQL, for the client's error messages: an HTML page, and an introspection
// answer cut off in the middle (as a proxy that gives up would leave it).
const server = createServer(async (req, res) => {
  if (req.url.startsWith('/html')) {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Welcome</title><p>Not GraphQL.</p>');
    return;
  }
  if (req.url.startsWith('/truncated')) {
    const body = JSON.stringify({ data: { __schema: { queryType: { name: 'Query' }, types: [] } } });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body.slice(0, body.length - 12));
    return;
  }
  return yoga(req, res);
});
const wsServer = new WebSocketServer({ server, path: '/graphql' });
useServer({
  schema,
  context: ctx => ({ handshakeAuthorization: ctx.extra.request.headers.authorization }),
  onConnect: ctx => {
    // A test asks the server to drop the socket mid-subscription by connecting with {"drop": true}.
    if (ctx.connectionParams?.drop) setTimeout(() => ctx.extra.socket.terminate(), 50);
    // ... and to ping it (the protocol lets either side ping at any time; the client must answer pong).
    if (ctx.connectionParams?.ping) ctx.extra.socket.send(JSON.stringify({ type: 'ping' }));
    return true;
  },
}, wsServer);

server.listen(port, '127.0.0.1', () => console.log(`listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => { wsServer.close(); server.close(); process.exit(0); });
