/** Tailwind 4 runs as a single PostCSS plugin; app/globals.css does `@import "tailwindcss";`. */
const config = {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};

export default config;
