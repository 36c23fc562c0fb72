// Sharding a job (lab/shard.hpp) and joining its parts (lab/merge.hpp,
// scenario/part_file.hpp); tests/scale_out_test.sh does it end to end.
#include <catch2/catch.hpp>

#include "gilsim/lab/merge.hpp"
#include "gilsim/lab/shard.hpp"
#include "gilsim/scenario/part_file.hpp"

using namespace gilsim;

TEST_CASE("shard: run k belongs to shard (k mod N) + 1", "[shard]") {
  const Shard second{2, 3};
  CHECK_FALSE(second.has(0));
  CHECK(second.has(1));
  CHECK(second.has(4));
  CHECK_FALSE(second.has(5));
  CHECK(Shard{}.whole());
  CHECK(Shard{}.has(7));
}

TEST_CASE("shard: I/N is parsed, and nonsense is an error naming --shard", "[shard]") {
  const Result<Shard> s = parse_shard("3/8");
  REQUIRE(s.ok());
  CHECK(s.value().index == 3);
  CHECK(s.value().count == 8);
  for (const char* bad : {"0/4", "5/4", "4", "a/b", "1/0", "-1/4", "1/4x", "/4"}) {
    const Result<Shard> b = parse_shard(bad);
    INFO(bad);
    REQUIRE_FALSE(b.ok());
    CHECK(b.error().file == std::string("--shard ") + bad);
  }
}

TEST_CASE("merge: a part reads back as it was written", "[shard]") {
  Part part{2, 4, "00ff", 10, SweepPart{"variant,x", {{1, "as written,1"}, {5, "as written,\"a, b\""}}}};
  const Result<Part> back = parse_part(write_part(part), "part-2.toml");
  REQUIRE(back.ok());
  CHECK(back.value().shard == 2);
  CHECK(back.value().shards == 4);
  CHECK(back.value().id == "00ff");
  CHECK(back.value().total == 10);
  const auto& rows = std::get<SweepPart>(back.value().data).rows;
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].first == 5);
  CHECK(rows[1].second == "as written,\"a, b\"");
}

TEST_CASE("merge: rows come back in the whole sweep's order", "[shard]") {
  auto part = [](int shard, std::vector<std::pair<std::int64_t, std::string>> rows) {
    return std::make_pair("part-" + std::to_string(shard),
                          Part{shard, 2, "id", 3, SweepPart{"h", std::move(rows)}});
  };
  const Result<std::string> merged = merge_parts({part(2, {{1, "b"}}), part(1, {{0, "a"}, {2, "c"}})});
  REQUIRE(merged.ok());
  CHECK(merged.value() == "h\na\nb\nc\n");
}

TEST_CASE("merge: a missing shard, a repeated one and another job's part are errors", "[shard]") {
  auto part = [](int shard, const std::string& id) {
    return std::make_pair("part-" + std::to_string(shard),
                          Part{shard, 2, id, 2, SweepPart{"h", {{shard - 1, "r"}}}});
  };
  const Result<std::string> missing = merge_parts({part(1, "id")});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("shard 2/2 is missing") != std::string::npos);
  const Result<std::string> twice = merge_parts({part(1, "id"), part(1, "id"), part(2, "id")});
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().message.find("shard 1/2 again") != std::string::npos);
  const Result<std::string> other = merge_parts({part(1, "id"), part(2, "other")});
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().file == "part-2");
  CHECK(other.error().message.find("another job") != std::string::npos);
}

TEST_CASE("merge: a job's id changes with its scenario and arguments, not with their shard", "[shard]") {
  const std::string a = job_id("sweep", "[scenario]", {"f.toml", "--steps=4"});
  CHECK(a == job_id("sweep", "[scenario]", {"f.toml", "--steps=4"}));
  CHECK(a != job_id("sweep", "[scenario] ", {"f.toml", "--steps=4"}));
  CHECK(a != job_id("sweep", "[scenario]", {"f.toml", "--steps=5"}));
  CHECK(a != job_id("explore", "[scenario]", {"f.toml", "--steps=4"}));
}
