// ESLint flat config: typescript-eslint with type information, so that
// floating and misused promises (which would stop Node-RED) are errors.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        ignores: [
            "node_modules/**",
            ".node-red/**",
            "**/*.js",
            "nodes/icons/**",
            "test-output/**",
            "packages/*/resources/**",
            "packages/*/node_modules/**",
        ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: {
            parserOptions: {
                projectService: true,
                tsconfigRootDir: import.meta.dirname,
            },
        },
        rules: {
            "@typescript-eslint/no-floating-promises": "error",
            "@typescript-eslint/no-misused-promises": "error",
            "@typescript-eslint/consistent-type-imports": "error",
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
            ],
            "@typescript-eslint/restrict-template-expressions": [
                "error",
                { allowNumber: true, allowBoolean: true, allowNullish: true },
            ],
            eqeqeq: ["error", "always"],
        },
    },
    {
        files: ["eslint.config.mjs"],
        ...tseslint.configs.disableTypeChecked,
    },
);
