#include "gilsim/lab/notebook.hpp"

#include <catch2/catch.hpp>

#include "support/json.hpp"

using namespace gilsim;
using test::Json;

TEST_CASE("notebook: cells become nbformat 4.5 JSON, multi-line strings as lists of lines",
          "[notebook]") {
  const std::vector<NotebookCell> cells = {
      {NotebookCell::Kind::kMarkdown, "# Lab\n\nText", {}},
      {NotebookCell::Kind::kCode,
       "!gilsim run x.toml",
       {{NotebookOutput::Kind::kStdout, "a\nb\n", ""},
        {NotebookOutput::Kind::kSvg, "<svg/>\n", "x.svg"}}},
      {NotebookCell::Kind::kCode, "!gilsim check y.toml", {}},
  };
  const std::optional<Json> nb = test::parse_json(notebook_json(cells, "lab 1.v2"));
  REQUIRE(nb);
  CHECK((*nb)["nbformat"].number == 4);
  CHECK((*nb)["nbformat_minor"].number == 5);
  CHECK((*nb)["metadata"]["kernelspec"]["name"].string == "python3");
  const std::vector<Json>& c = (*nb)["cells"].array;
  REQUIRE(c.size() == 3);
  CHECK(c[0]["cell_type"].string == "markdown");
  CHECK_FALSE(c[0].has("outputs"));
  CHECK(c[0]["id"].string == "lab-1-v2-1");  // only [A-Za-z0-9-_] in ids
  REQUIRE(c[0]["source"].array.size() == 3);
  CHECK(c[0]["source"].array[0].string == "# Lab\n");
  CHECK(c[0]["source"].array[2].string == "Text");
  CHECK(c[1]["execution_count"].number == 1);
  CHECK(c[2]["execution_count"].number == 2);  // numbered among code cells only
  const std::vector<Json>& out = c[1]["outputs"].array;
  REQUIRE(out.size() == 2);
  CHECK(out[0]["output_type"].string == "stream");
  CHECK(out[0]["name"].string == "stdout");
  CHECK(out[0]["text"].array.size() == 2);
  CHECK(out[1]["output_type"].string == "display_data");
  CHECK(out[1]["data"]["image/svg+xml"].array[0].string == "<svg/>\n");
  CHECK(out[1]["data"]["text/plain"].array[0].string == "x.svg");
  CHECK(c[2]["outputs"].array.empty());
}
